/** The plugin's admin routes are guarded by its RBAC actions (see permissions/), through `admin::hasPermissions`. */
export default {};
