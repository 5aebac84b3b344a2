import * as budgets from 'aws-cdk-lib/aws-budgets';
import { Construct } from 'constructs';
import { GovCloudError } from '../core/errors';
import { MUNICIPALITY_TAG } from '../../domain/tags';
import { recordImplements } from '../core/implements';

/** The cost-allocation tag that carries the municipality code on every tenant resource. */
export const MUNICIPALITY_CODE_TAG = MUNICIPALITY_TAG;

export interface TenantBudgetProps {
  /** The municipality code whose tagged costs are tracked. */
  readonly municipalityCode: string;
  /** Monthly limit in USD. */
  readonly monthlyLimitUsd: number;
  /**
   * Who is told at 80 % actual and 100 % forecast spend.
   * @default [] (the budget is tracked without notifications)
   */
  readonly notificationEmails?: readonly string[];
}

/**
 * A monthly AWS Budgets cost budget for one municipality in shared use (利用料の按分),
 * filtered on its `MunicipalityCode` cost-allocation tag.
 *
 * The tag must be activated as a cost-allocation tag in the Billing console of the paying
 * (management) account before costs appear under it; shared resources (an application-mode
 * ALB, say) carry the owner's code and are split by agreement.
 *
 * Implements TEN-3 (per-tenant budget), DET-4 (予実管理).
 */
export class TenantBudget extends Construct {
  /** The budget. */
  public readonly budget: budgets.CfnBudget;

  constructor(scope: Construct, id: string, props: TenantBudgetProps) {
    super(scope, id);
    recordImplements(this, 'TEN-3', 'DET-4');
    if (!(props.monthlyLimitUsd > 0) || !Number.isFinite(props.monthlyLimitUsd)) {
      throw new GovCloudError({
        code: 'TenantBudgetLimitNotPositive',
        problem: `TenantBudget monthlyLimitUsd "${props.monthlyLimitUsd}" is not a positive amount`,
        requirement: 'TEN-3',
        fix: `give the monthly budget in US dollars.`,
        scope: this,
      });
    }
    const subscribers = (props.notificationEmails ?? []).map((address) => ({
      subscriptionType: 'EMAIL',
      address,
    }));
    const notify = (notificationType: string, threshold: number) => ({
      notification: {
        notificationType,
        comparisonOperator: 'GREATER_THAN',
        threshold,
        thresholdType: 'PERCENTAGE',
      },
      subscribers,
    });
    this.budget = new budgets.CfnBudget(this, 'Budget', {
      budget: {
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyLimitUsd, unit: 'USD' },
        costFilters: { TagKeyValue: [`user:${MUNICIPALITY_CODE_TAG}$${props.municipalityCode}`] },
      },
      notificationsWithSubscribers:
        subscribers.length > 0 ? [notify('ACTUAL', 80), notify('FORECASTED', 100)] : undefined,
    });
  }
}
