/** The built-in model's worker: all logic is in tinylm.handler.ts. */
import { createTinyLmHandler } from './tinylm.handler.ts';
import type { TinyLmRequest, TinyLmResponse } from './tinylm-protocol.ts';

const handle = createTinyLmHandler();
const post = (message: TinyLmResponse, transfer: Transferable[] = []) => self.postMessage(message, { transfer });
self.onmessage = (event: MessageEvent<TinyLmRequest>) => void handle(event.data, post);
