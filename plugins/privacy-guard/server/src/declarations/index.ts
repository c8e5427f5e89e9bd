export { declarations, buildRegistry, DeclarationError, type Registry, type DeclaredType, type DeclaredField } from './registry';
export * from './vocabulary';
