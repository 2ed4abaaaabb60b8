import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../../preload/api.js';
import type { Bridge } from '../../api/bridge.js';

/** Registers one `ipcMain.handle` per contract channel; the bridge checks the sender frame before anything runs. */
export function registerBridge(ipcMain: Pick<IpcMain, 'handle'>, bridge: Bridge): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(`quarry:${channel}`, (event: IpcMainInvokeEvent, input: unknown) => {
      const frame = event.senderFrame;
      return bridge.invoke({ url: frame?.url ?? '', isMainFrame: frame !== null && frame === frame.top }, channel, input);
    });
  }
}
