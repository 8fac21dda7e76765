/** The training lab's worker: all logic is in training.handler.ts. */
import { createTrainingHandler } from './training.handler.ts';
import type { TrainingRequest, TrainingResponse } from './training-protocol.ts';

const handle = createTrainingHandler();
const post = (message: TrainingResponse, transfer: Transferable[] = []) => self.postMessage(message, { transfer });
self.onmessage = (event: MessageEvent<TrainingRequest>) => void handle(event.data, post);
