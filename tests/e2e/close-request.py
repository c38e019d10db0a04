#!/usr/bin/env python3
"""Asks an X window to close the way a window manager does for Alt+F4, a
close button or a taskbar's "Close": a WM_DELETE_WINDOW client message
(ICCCM 4.2.8.1). Usage: close-request.py WINDOW_ID"""

import sys

from Xlib import X, display, protocol

screen = display.Display()
window = screen.create_resource_object("window", int(sys.argv[1], 0))
request = protocol.event.ClientMessage(
    window=window,
    client_type=screen.intern_atom("WM_PROTOCOLS"),
    data=(32, [screen.intern_atom("WM_DELETE_WINDOW"), X.CurrentTime, 0, 0, 0]),
)
window.send_event(request, event_mask=X.NoEventMask)
screen.flush()
