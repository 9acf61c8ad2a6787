/** Why `verifyHandoff` refused a webhook. */
export type HandoffVerificationCode = 'missing_signature' | 'bad_signature' | 'too_old' | 'malformed';

const MESSAGES: Record<HandoffVerificationCode, string> = {
  missing_signature: 'no Headroom-Signature header',
  bad_signature: 'the Headroom-Signature does not match the body and secret',
  too_old: 'the signature timestamp is outside the tolerance (a replay, or a skewed clock)',
  malformed: 'the body is not a handoff payload',
};

/** Thrown by `verifyHandoff`; answer 400 and let the edge retry (or drop a forgery). */
export class HandoffVerificationError extends Error {
  override readonly name = 'HandoffVerificationError';
  readonly code: HandoffVerificationCode;

  constructor(code: HandoffVerificationCode, detail?: string) {
    super(detail ? `${MESSAGES[code]}: ${detail}` : MESSAGES[code]);
    this.code = code;
  }
}
