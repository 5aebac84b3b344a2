import { refineSystem } from './refinements';
import { systemFields } from './schema';

export { backupCopyRegion, systemTenants, type SystemRootView, type SystemTenant } from './plan';
export { refineSystemAgainstRoot } from './refinements';
export { TENANCY_MODES, type SystemConfig, type TenancyMode } from './schema';

/** The municipal standard-conformant sample system (標準準拠システム): fields and their checks. */
export const systemSchema = systemFields.superRefine(refineSystem).prefault({});
