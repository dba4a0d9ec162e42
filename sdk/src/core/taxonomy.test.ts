import { describe, expect, it } from 'vitest';
import { AdAction, ErrorSeverity, ProgressionStatus, RefundReason, ResourceFlow } from '@gamepulse/proto/sdk';
import {
  adPayload,
  errorPayload,
  progressionPayload,
  refundPayload,
  resourcePayload,
  type AdActionName,
  type ErrorSeverityName,
  type RefundReasonName,
} from './taxonomy.ts';

describe('core/taxonomy', () => {
  it('maps names to the enum numbers of gamepulse.v1', () => {
    const severities: Record<ErrorSeverityName, number> = {
      debug: ErrorSeverity.SEVERITY_DEBUG,
      info: ErrorSeverity.SEVERITY_INFO,
      warning: ErrorSeverity.SEVERITY_WARNING,
      error: ErrorSeverity.SEVERITY_ERROR,
      critical: ErrorSeverity.SEVERITY_CRITICAL,
    };
    for (const [name, n] of Object.entries(severities))
      expect(errorPayload(name as ErrorSeverityName, 'm')).toEqual({ error: { severity: n, message: 'm' } });
    const actions: Record<AdActionName, number> = {
      show: AdAction.ACTION_SHOW,
      click: AdAction.ACTION_CLICK,
      failed_show: AdAction.ACTION_FAILED_SHOW,
      reward_received: AdAction.ACTION_REWARD_RECEIVED,
    };
    for (const [name, n] of Object.entries(actions)) expect(adPayload({ action: name as AdActionName }).ad?.action).toBe(n);
    expect(progressionPayload('start', 'w').progression?.status).toBe(ProgressionStatus.STATUS_START);
    expect(progressionPayload('complete', 'w').progression?.status).toBe(ProgressionStatus.STATUS_COMPLETE);
    expect(progressionPayload('fail', 'w').progression?.status).toBe(ProgressionStatus.STATUS_FAIL);
    expect(resourcePayload('source', 'gold', 1, 'x').resource?.flow).toBe(ResourceFlow.FLOW_SOURCE);
    expect(resourcePayload('sink', 'gold', 1, 'x').resource?.flow).toBe(ResourceFlow.FLOW_SINK);
    const reasons: Record<RefundReasonName, number> = {
      refund: RefundReason.REASON_REFUND,
      chargeback: RefundReason.REASON_CHARGEBACK,
      revoked: RefundReason.REASON_REVOKED,
    };
    for (const [name, n] of Object.entries(reasons))
      expect(refundPayload({ currency: 'USD', amountMinor: 1, transactionId: 't', reason: name as RefundReasonName }).refund?.reason).toBe(
        n,
      );
  });

  it('maps an unknown name to 0 (UNSPECIFIED), which validation refuses', () => {
    expect(errorPayload('fatal' as ErrorSeverityName, 'm').error?.severity).toBe(0);
    expect(adPayload({ action: 'hover' as AdActionName }).ad?.action).toBe(0);
    expect(
      refundPayload({ currency: 'USD', amountMinor: 1, transactionId: 't', reason: 'dispute' as RefundReasonName }).refund?.reason,
    ).toBe(0);
  });
});
