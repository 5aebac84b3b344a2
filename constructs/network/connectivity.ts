import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { GovCloudError } from '../core/errors';
import { recordImplements } from '../core/implements';

/** What a premises connection is attached to. */
export interface PremisesConnectivityTarget {
  /** The closed network's VPC. */
  readonly vpc: ec2.IVpc;
  /** One subnet per AZ for the attachment's network interfaces. */
  readonly attachmentSubnets: readonly ec2.ISubnet[];
  /** Every route table of the VPC's subnets. */
  readonly routeTableIds: readonly string[];
  /** Municipal premises networks to route to the connection (NET-2). */
  readonly premisesCidrs: readonly string[];
}

/**
 * A way to reach the municipal premises (庁内) from the closed network. The Government
 * Cloud connection service (ガバメントクラウド接続サービス) may change, so the network takes
 * any implementation: a Transit Gateway attachment, a virtual private gateway, or your own.
 */
export interface IPremisesConnectivity {
  /** Short description for documentation and reports, e.g. `transit-gateway tgw-…`. */
  readonly description: string;
  /** Creates the attachment and the routes inside `scope`. */
  bind(scope: Construct, target: PremisesConnectivityTarget): void;
}

export interface TransitGatewayConnectivityProps {
  /** Transit Gateway id given by the connection service (`tgw-…`). */
  readonly transitGatewayId: string;
  /**
   * Also route 0.0.0.0/0 to the Transit Gateway, so that anything outside the closed network
   * is reached by folding back through the municipal network (庁内ネットワークで折り返し).
   * @default false
   */
  readonly defaultRoute?: boolean;
}

export interface VpnGatewayConnectivityProps {
  /** An existing virtual private gateway (`vgw-…`); a VGW attaches to one VPC only. */
  readonly vpnGatewayId: string;
  /**
   * Also route 0.0.0.0/0 to the gateway (see TransitGatewayConnectivityProps.defaultRoute).
   * @default false
   */
  readonly defaultRoute?: boolean;
}

/**
 * Factories for the premises connection of a `ClosedNetwork`.
 *
 * Implements NET-2 (closed connection to premises, routes to their CIDRs) and NET-3 (a
 * default route, if any, goes to the premises connection, never to the Internet).
 */
export abstract class PremisesConnectivity {
  /** Attach the VPC to a Transit Gateway and route the premises CIDRs to it. */
  public static transitGateway(props: TransitGatewayConnectivityProps): IPremisesConnectivity {
    checkId('transitGatewayId', props.transitGatewayId, 'tgw');
    return {
      description: `transit-gateway ${props.transitGatewayId}`,
      bind(scope, target) {
        recordImplements(scope, 'NET-2', 'NET-3');
        const attachment = new ec2.CfnTransitGatewayAttachment(scope, 'TgwAttachment', {
          transitGatewayId: props.transitGatewayId,
          vpcId: target.vpc.vpcId,
          subnetIds: target.attachmentSubnets.map((s) => s.subnetId),
        });
        addRoutes(scope, target, props.defaultRoute ?? false, attachment, {
          transitGatewayId: props.transitGatewayId,
        });
      },
    };
  }

  /** Attach an existing virtual private gateway and route the premises CIDRs to it. */
  public static vpnGateway(props: VpnGatewayConnectivityProps): IPremisesConnectivity {
    checkId('vpnGatewayId', props.vpnGatewayId, 'vgw');
    return {
      description: `vpn-gateway ${props.vpnGatewayId}`,
      bind(scope, target) {
        recordImplements(scope, 'NET-2', 'NET-3');
        const attachment = new ec2.CfnVPCGatewayAttachment(scope, 'VgwAttachment', {
          vpcId: target.vpc.vpcId,
          vpnGatewayId: props.vpnGatewayId,
        });
        addRoutes(scope, target, props.defaultRoute ?? false, attachment, {
          gatewayId: props.vpnGatewayId,
        });
      },
    };
  }
}

function checkId(prop: string, value: string, prefix: string): void {
  if (!new RegExp(`^${prefix}-[0-9a-f]{8,17}$`).test(value)) {
    throw new GovCloudError({
      code: 'PremisesConnectivityIdInvalid',
      problem: `PremisesConnectivity ${prop} "${value}" is not a ${prefix}- id`,
      requirement: 'NET-2',
      fix: `give the id from the connection service, e.g. ${prefix}-0123456789abcdef0.`,
    });
  }
}

function addRoutes(
  scope: Construct,
  target: PremisesConnectivityTarget,
  defaultRoute: boolean,
  attachment: ec2.CfnTransitGatewayAttachment | ec2.CfnVPCGatewayAttachment,
  via: { transitGatewayId?: string; gatewayId?: string },
): void {
  const destinations = [...target.premisesCidrs, ...(defaultRoute ? ['0.0.0.0/0'] : [])];
  const routes = new Construct(scope, 'PremisesRoutes');
  target.routeTableIds.forEach((routeTableId, t) =>
    destinations.forEach((destinationCidrBlock, d) => {
      const route = new ec2.CfnRoute(routes, `Table${t}Route${d}`, {
        routeTableId,
        destinationCidrBlock,
        ...via,
      });
      // A route to an attachment that is still being created fails.
      route.addResourceDependency(attachment);
    }),
  );
}
