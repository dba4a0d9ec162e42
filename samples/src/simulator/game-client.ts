/**
 * The part of the SDK's client that simulated players use. The simulator depends on
 * this shape, not on a transport, so tests can wrap a real client (e.g. to re-send
 * batches) without the simulator knowing.
 */
export interface GameClient {
  session: { start(): void; end(): void };
  progression: {
    start(tier1: string, tier2?: string, tier3?: string, opts?: { attempt?: number; score?: number }): void;
    complete(tier1: string, tier2?: string, tier3?: string, opts?: { attempt?: number; score?: number }): void;
    fail(tier1: string, tier2?: string, tier3?: string, opts?: { attempt?: number; score?: number }): void;
  };
  purchase(p: { currency: string; amountMinor: number; itemType: string; itemId?: string; transactionId?: string }): void;
  /** Money given back for an earlier purchase (a game server's call in production; see options `refundShare`). */
  refund(r: {
    currency: string;
    amountMinor: number;
    transactionId: string;
    reason: 'refund' | 'chargeback' | 'revoked';
    store?: string;
    itemType?: string;
  }): void;
  resource: {
    source(currency: string, amount: number, itemType: string, itemId?: string): void;
    sink(currency: string, amount: number, itemType: string, itemId?: string): void;
  };
  design(eventId: string, value?: number): void;
  ad(a: { action: 'show' | 'click' | 'failed_show' | 'reward_received'; adType: string; placement?: string }): void;
  social(action: string, target?: string): void;
  featureUsed(feature: string): void;
  error(severity: 'debug' | 'info' | 'warning' | 'error' | 'critical', message: string): void;
  experiment: { exposure(experiment: string, variant: string): void };
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** Who a simulated install is: what the SDK is initialised with. */
export interface InstallProfile {
  installId: string;
  playerId: string;
  platform: string;
  build: string;
  country: string;
  locale: string;
}
