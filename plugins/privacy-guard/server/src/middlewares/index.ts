import accessLog from './access-log';

export default {
  'access-log': accessLog,
};
