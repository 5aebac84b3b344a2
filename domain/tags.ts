/**
 * Tag names and values shared by the stacks that write them and the GovCloudChecks pack that
 * reads them. Stacks of this project apply them to every resource with `Tags.of(app).add(...)`;
 * vendors' apps must do the same for the tag rules to pass.
 */

/**
 * Purpose of the tenant area (個別領域の用途), IAM-6: one of {@link ENVIRONMENTS}.
 */
export const ENVIRONMENT_TAG = 'Environment';

/**
 * The only purposes a tenant area may serve: 本番稼働, 検証, 災害対策 (IAM-6), and 開発 only for a
 * system with CI/CD (GCAS guide 「ガバメントクラウド利用概要(AWS編)」 §1.1, Digital Agency).
 */
export const ENVIRONMENTS = ['production', 'staging', 'dr', 'development'] as const;

/**
 * 全国地方公共団体コード of the municipality that owns (and pays for) the resource: six digits
 * with a valid check digit. TEN-3 (cost split, 利用料を按分) and TEN-1 (per-municipality
 * separation).
 */
export const MUNICIPALITY_TAG = 'MunicipalityCode';

/** Short name of the system (e.g. `juki`, 住民基本台帳) the resource belongs to (DET-4, TEN-3). */
export const SYSTEM_TAG = 'System';

/**
 * How a resource shared by several municipalities separates them (TEN-1, TEN-2). Contract
 * with the sample system: a resource serving several municipalities inside one VPC (shared
 * use, 共同利用方式, with application-level separation) carries this tag with the value
 * {@link TENANCY_APPLICATION}; GovCloudChecks then raises a TEN-2 warning, because separation
 * other than a dedicated VPC (専用仮想ネットワーク空間) needs the Digital Agency's approval.
 * The value {@link TENANCY_VPC} (or no tag) means one municipality per VPC.
 */
export const TENANCY_TAG = 'govcloud-jp:tenancy';

/** {@link TENANCY_TAG} value: municipalities share the VPC and are separated by the application. */
export const TENANCY_APPLICATION = 'application';

/** {@link TENANCY_TAG} value: each municipality has its own VPC (the default of TEN-1). */
export const TENANCY_VPC = 'vpc';
