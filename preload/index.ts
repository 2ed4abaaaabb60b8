/**
 * Sandboxed preload: builds `window.quarry` from the contract's channel list and nothing else. A call to a
 * channel the contract does not name never reaches the main process.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, type BridgeError, type QuarryApi } from './api.js';

const allowed = new Set<string>(CHANNELS);

const quarry: QuarryApi = {
  async invoke(channel, input) {
    if (!allowed.has(channel)) throw new Error(`Quarry has no operation called ${String(channel)}.`);
    const envelope = (await ipcRenderer.invoke(`quarry:${channel}`, input)) as
      | { ok: true; value: never }
      | { ok: false; error: BridgeError };
    if (envelope.ok) return envelope.value;
    throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
  },
};

contextBridge.exposeInMainWorld('quarry', quarry);
