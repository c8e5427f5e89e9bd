import { operations } from '../contract';

/** The plugin's public routes as contract operations, which the app's OpenAPI document lists beside its own. */
export default () => ({
  operations: () => operations,
});
