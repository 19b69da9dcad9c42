/**
 * Every IPC channel the page can call goes through here: the message is answered only when it comes
 * from the app's own page in a window's top frame. A page that got into a window some other way (a
 * navigation the guard missed, a frame) reaches no dialog, no file and no printer.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { isTrustedFrame } from './securityPolicy';

type Handler = (e: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

export function handleTrusted(channel: string, appOrigin: () => string | null, handler: Handler): void {
  ipcMain.handle(channel, (e, ...args) => {
    if (!isTrustedFrame(e.senderFrame, appOrigin())) throw new Error(`${channel} is answered for Silt's own pages only`);
    return handler(e, ...args);
  });
}
