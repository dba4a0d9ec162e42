export { EVENT_CODES, type EventCode, type EventIssue } from './codes.ts';
export { LIMITS, NAME_PATTERN, CUSTOM_KEY_PATTERN, UUID_PATTERN } from './limits.ts';
export { isIsoCurrency } from './currencies.ts';
export { validateEvent, validateContext } from './validate-event.ts';
