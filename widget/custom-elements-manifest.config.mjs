// The manifest lists only the public surface: members whose names start with `_` are internal (the build
// shortens them), and Lit's `state: true` properties have no attribute, which the analyzer does not know.
const internal = (name) => name?.startsWith('_');

export default {
  // The elements' own modules: their helpers are not part of the package's surface.
  globs: ['src/clinic-*/clinic-*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'clinic-public-surface',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            declaration.members = declaration.members?.filter((member) => !internal(member.name) && !member.privacy?.match(/private|protected/) && !member.inheritedFrom);
            declaration.attributes = declaration.attributes?.filter((attribute) => !internal(attribute.name) && !internal(attribute.fieldName));
          }
          mod.declarations = mod.declarations?.filter((d) => d.kind === 'class');
          mod.exports = mod.exports?.filter((e) => mod.declarations.some((d) => d.name === e.name) || e.kind === 'custom-element-definition');
        }
      },
    },
  ],
};
