/**
 * Names two islands on one page share: a query-string prefix and a window event. They live here,
 * not in either island's folder, so that neither island imports the other.
 */

/** Query-string prefix of the orders-of-magnitude calculator's keys. */
export const MAGNITUDE_PREFIX = 'mag';

/** Event another island dispatches on window to hand over a measured bytes-per-token value. */
export const BYTES_PER_TOKEN_EVENT = 'calc:bytes-per-token';
