import { app, Menu, type MenuItemConstructorOptions } from 'electron';

export type MenuActions = { updateFromUsb: () => void; checkForUpdates: () => void; about: () => void };

/** The application menu: updates (network and USB), editing keys for the forms, zoom for small screens. */
export function installMenu(actions: MenuActions): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File — فائل',
      submenu: [
        { label: 'Update from USB stick… — یو ایس بی سے اپ ڈیٹ', click: actions.updateFromUsb },
        { label: 'Check for updates… — اپ ڈیٹ دیکھیں', click: actions.checkForUpdates },
        { type: 'separator' },
        { role: 'quit', label: 'Quit — بند کریں' },
      ],
    },
    {
      label: 'Edit — ترمیم',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: 'View — منظر',
      submenu: [
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'resetZoom' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[])),
      ],
    },
    { label: 'Help — مدد', submenu: [{ label: 'About Child Help Desk — تعارف', click: actions.about }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
