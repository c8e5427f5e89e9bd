/**
 * Every query the plugin makes past the Document Service, and every table name, live here: one
 * repository per table group. Tables are named by Strapi's metadata (a content type's
 * collectionName), never by a literal.
 */
export { tableOf, columnOf, joinOf, targetOf, type JoinTable } from './tables';
export { leasesRepository, LEASE_UID } from './leases';
export { statisticsRepository, STATISTIC_UID, type StatisticCount } from './statistics';
export { destructionLogRepository, DESTRUCTION_UID, type DestructionLine } from './destruction-log';
export { ledgerRepository, LEDGER_UID } from './ledger';
export { accessLogRepository, ACCESS_LOG_UID, type AccessLogFilter } from './access-log';
export { recordsRepository, type PersonalPlace, type StoredRow } from './records';
