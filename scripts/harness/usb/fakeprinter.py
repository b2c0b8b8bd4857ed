#!/usr/bin/python3
"""fakeprinter.py - the emulated USB ESC/POS printer behind swift-escpos's USB tests.

Tests/EscPosTransportsTests/USBTransportTests.swift runs the EscPosUSBHarness executable under this
script, so the real libusb code path of EscPosTransports talks to a printer that exists only here:
umockdev (LD_PRELOAD=libumockdev-preload.so.0) fakes /sys, /dev/bus/usb/001/002 and udev for the
program, and this script answers the usbdevfs ioctls libusb issues on the device node.

* Every bulk OUT byte is appended to --capture (the test compares it with what it sent).
* Bulk IN is answered by a real-time status responder: DLE EOT n -> one byte (--status n=VALUE),
  GS r n and ESC v likewise; an IN read with nothing queued stays pending until libusb times out.
* "usblp" is bound to interface 0 until the program detaches it; claiming it bound gives EBUSY.
* Control transfers: descriptors, and the printer class GET_DEVICE_ID (--device-id).
* --events FILE logs one JSON object per ioctl, so tests can assert detach/claim/release/re-attach.
* --disconnect-after N unplugs the printer when an OUT transfer would pass N bytes (ENODEV).
* --stall-out-after N stops taking data after N bytes: later OUT transfers stay pending until libusb
  times out and discards them, like a printer that is out of paper with a full buffer.

Usage: fakeprinter.py --capture out.bin [--events ev.jsonl] [--status 4=0x72] -- PROGRAM ARGS...
Needs (Debian): umockdev gir1.2-umockdev-1.0 python3-gi; run with /usr/bin/python3.
"""
import argparse
import errno
import json
import os
import signal
import struct
import subprocess
import sys
import threading
import time

import gi

gi.require_version('UMockdev', '1.0')
from gi.repository import UMockdev  # noqa: E402


# ---- <linux/usbdevice_fs.h> ----------------------------------------------------------
def _ioc(direction, nr, size):
    return (direction << 30) | (size << 16) | (ord('U') << 8) | nr


_NONE, _W, _R = 0, 1, 2            # asm-generic _IOC_NONE/_IOC_WRITE/_IOC_READ
PTR = struct.calcsize('P')
URB_FMT = '@BBiIPiiiiiIP'          # struct usbdevfs_urb without iso_frame_desc
URB_SIZE = struct.calcsize(URB_FMT)  # 56 on 64-bit
OFF_STATUS = 4
OFF_BUFFER = struct.calcsize('@BBiIP') - PTR      # 16 on 64-bit
OFF_ACTUAL = struct.calcsize('@BBiIPi')          # 28 on 64-bit
CTRL_SIZE = struct.calcsize('@BBHHHIP')  # usbdevfs_ctrltransfer

USBDEVFS_CONTROL = _ioc(_R | _W, 0, CTRL_SIZE)
USBDEVFS_RESETEP = _ioc(_R, 3, 4)
USBDEVFS_SETINTERFACE = _ioc(_R, 4, 8)
USBDEVFS_SETCONFIGURATION = _ioc(_R, 5, 4)
USBDEVFS_GETDRIVER = _ioc(_W, 8, 260)
USBDEVFS_SUBMITURB = _ioc(_R, 10, URB_SIZE)
USBDEVFS_DISCARDURB = _ioc(_NONE, 11, 0)
USBDEVFS_REAPURB = _ioc(_W, 12, PTR)
USBDEVFS_REAPURBNDELAY = _ioc(_W, 13, PTR)
USBDEVFS_CLAIMINTERFACE = _ioc(_R, 15, 4)
USBDEVFS_RELEASEINTERFACE = _ioc(_R, 16, 4)
USBDEVFS_CONNECTINFO = _ioc(_W, 17, 8)
USBDEVFS_IOCTL = _ioc(_R | _W, 18, 8 + PTR)
USBDEVFS_RESET = _ioc(_NONE, 20, 0)
USBDEVFS_CLEAR_HALT = _ioc(_R, 21, 4)
USBDEVFS_DISCONNECT = _ioc(_NONE, 22, 0)
USBDEVFS_CONNECT = _ioc(_NONE, 23, 0)
USBDEVFS_GET_CAPABILITIES = _ioc(_R, 26, 4)
USBDEVFS_DISCONNECT_CLAIM = _ioc(_R, 27, 264)
USBDEVFS_GET_SPEED = _ioc(_NONE, 31, 0)
URB_TYPE_CONTROL, URB_TYPE_BULK = 2, 3
CAP_ZERO_PACKET, CAP_BULK_CONTINUATION, CAP_NO_PACKET_SIZE_LIM = 0x01, 0x02, 0x04
CAP_BULK_SCATTER_GATHER, CAP_REAP_AFTER_DISCONNECT = 0x08, 0x10
NAMES = {v: k for k, v in globals().items() if k.startswith('USBDEVFS_')}


def parse_umockdev(path):
    """Return (devnode, descriptors bytes, strings{idx: str}) from a .umockdev file."""
    devnode, desc, attrs = None, b'', {}
    with open(path) as f:
        for line in f:
            if line.startswith('N: '):
                devnode = '/dev/' + line[3:].strip()
            elif line.startswith('H: descriptors='):
                desc = bytes.fromhex(line.split('=', 1)[1].strip())
            elif line.startswith('A: ') and '=' in line:
                k, v = line[3:].rstrip('\n').split('=', 1)
                attrs[k] = v.replace('\\n', '').strip()
    if not devnode or len(desc) < 18:
        sys.exit('fakeprinter: %s needs an "N:" line and an "H: descriptors=" line' % path)
    strings = {desc[14]: attrs.get('manufacturer', 'FakePOS'),
               desc[15]: attrs.get('product', 'ESC/POS Printer'),
               desc[16]: attrs.get('serial', '0001')}
    strings.pop(0, None)
    return devnode, desc, strings


class Urb:
    def __init__(self, client, addr, data, buf, fields):
        self.client = client        # URBs belong to one open fd, like in the kernel
        self.addr, self.data, self.buf = addr, data, buf
        self.type, self.endpoint, self.status, self.flags = fields[0], fields[1], fields[2], fields[3]
        self.length = fields[5]


class FakePrinter:
    def __init__(self, args, descriptors, strings):
        self.args = args
        self.desc = descriptors
        self.strings = strings
        self.lock = threading.RLock()
        self.capture = open(args.capture, 'ab', buffering=0)
        self.events = open(args.events, 'a', buffering=1) if args.events else None
        self.in_queue = bytearray(bytes.fromhex(args.in_hex or ''))
        self.status = {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12}   # Epson "all fine"
        for s in args.status or []:
            n, v = s.split('=')
            self.status[int(n, 0)] = int(v, 0)
        self.status_mtime = None
        self.tail = b''             # unparsed end of the OUT stream (split commands)
        self.pending_in = []        # submitted IN URBs waiting for data
        self.pending_out = []       # OUT URBs held by --stall-out-after (a printer that stopped reading)
        self.done = []              # completed URBs waiting to be reaped
        self.waiters = []           # blocking REAPURB callers (client, ptr IoctlData)
        self.drivers = {0: args.kernel_driver} if args.kernel_driver else {}
        self.claimed = set()
        self.out_total = 0
        self.gone = False           # simulated unplug (--disconnect-after)
        self.caps = int(args.caps, 0)
        self.on_unplug = None       # set by main(): sends the "remove" uevent
        self.unplug_thread = None

    # -- helpers -------------------------------------------------------------------
    def log(self, **ev):
        if self.events:
            ev['t'] = round(time.monotonic(), 6)
            self.events.write(json.dumps(ev) + '\n')
        if self.args.verbose:
            print('fakeprinter:', ev, file=sys.stderr)

    def reload_status_file(self):
        p = self.args.status_file
        if not p or not os.path.exists(p):
            return
        m = os.stat(p).st_mtime_ns
        if m != self.status_mtime:
            self.status_mtime = m
            with open(p) as f:
                for k, v in json.load(f).items():
                    self.status[int(k, 0)] = int(v, 0) if isinstance(v, str) else int(v)

    def responder(self, data):
        """ESC/POS real-time status requests -> queue one status byte each."""
        if self.args.no_auto_status:
            return
        buf = self.tail + data
        i = 0
        while i < len(buf):
            b = buf[i]
            if b in (0x10, 0x1B, 0x1D) and i + 1 >= len(buf):
                break
            if b == 0x10 and buf[i + 1] == 0x04:             # DLE EOT n
                if i + 2 >= len(buf):
                    break
                self.reload_status_file()
                self.in_queue.append(self.status.get(buf[i + 2], 0x12) & 0xff)
                self.log(op='status-request', cmd='DLE EOT', n=buf[i + 2])
                i += 3
                continue
            if b == 0x1D and buf[i + 1] == 0x72:             # GS r n
                if i + 2 >= len(buf):
                    break
                self.reload_status_file()
                self.in_queue.append(self.status.get(0x100 + buf[i + 2], 0x00) & 0xff)
                self.log(op='status-request', cmd='GS r', n=buf[i + 2])
                i += 3
                continue
            if b == 0x1B and buf[i + 1] == 0x76:             # ESC v
                self.reload_status_file()
                self.in_queue.append(self.status.get(0x200, 0x00) & 0xff)
                self.log(op='status-request', cmd='ESC v')
                i += 2
                continue
            i += 1
        self.tail = bytes(buf[i:])[-2:]

    def finish(self, urb, status, actual, payload=None):
        if payload:
            urb.buf.update(0, payload)
        urb.data.update(OFF_STATUS, struct.pack('i', status))
        urb.data.update(OFF_ACTUAL, struct.pack('i', actual))
        self.done.append(urb)

    def take_done(self, client):
        """Oldest completed URB of this client (forget those of closed fds)."""
        self.done = [u for u in self.done if u.client.get_connected()]
        for urb in self.done:
            if urb.client is client:
                self.done.remove(urb)
                return urb
        return None

    def pump(self):
        """Feed queued IN bytes to waiting IN URBs, then serve blocked REAPURB callers."""
        self.pending_in = [u for u in self.pending_in if u.client.get_connected()]
        while self.pending_in and self.in_queue:
            urb = self.pending_in.pop(0)
            n = min(urb.length, len(self.in_queue))
            data = bytes(self.in_queue[:n])
            del self.in_queue[:n]
            self.log(op='bulk-in', ep=urb.endpoint, length=urb.length, data=data.hex())
            self.finish(urb, 0, n, data)
        for client, ptr in list(self.waiters):
            urb = self.take_done(client)
            if urb:
                self.waiters.remove((client, ptr))
                ptr.set_ptr(0, urb.data)
                client.complete(0, 0)

    def control(self, urb, setup, data_out):
        rtype, req, wvalue, windex, wlength = struct.unpack('<BBHHH', setup)
        self.log(op='control', bmRequestType=rtype, bRequest=req, wValue=wvalue, wIndex=windex,
                 wLength=wlength)
        reply = None
        if rtype == 0x80 and req == 6:                        # GET_DESCRIPTOR
            dtype, idx = wvalue >> 8, wvalue & 0xff
            if dtype == 1:
                reply = self.desc[:18]
            elif dtype == 2:
                reply = self.desc[18:18 + struct.unpack('<H', self.desc[20:22])[0]]
            elif dtype == 3:
                if idx == 0:
                    reply = b'\x04\x03\x09\x04'
                elif idx in self.strings:
                    s = self.strings[idx].encode('utf-16-le')
                    reply = bytes([2 + len(s), 3]) + s
        elif rtype == 0xA1 and req == 0:                      # printer GET_DEVICE_ID
            s = self.args.device_id.encode()
            reply = struct.pack('>H', len(s) + 2) + s
        elif rtype == 0xA1 and req == 1:                      # printer GET_PORT_STATUS
            reply = b'\x18'
        elif rtype in (0x21, 0x23) and req == 2:              # printer SOFT_RESET
            reply = b''
        elif rtype == 0x80 and req == 8:                      # GET_CONFIGURATION
            reply = b'\x01'
        elif rtype in (0x80, 0x81, 0x82) and req == 0:        # GET_STATUS
            reply = b'\x00\x00'
        elif rtype == 0x00 and req == 9:                      # SET_CONFIGURATION
            reply = b''
        if reply is None:
            self.finish(urb, -errno.EPIPE, 0)                 # STALL
        elif rtype & 0x80:
            reply = reply[:wlength]
            self.finish(urb, 0, len(reply), setup + reply)
        else:
            self.finish(urb, 0, 0)

    # -- the ioctl handler (runs in umockdev's worker thread) --------------------------
    def handle_ioctl(self, handler, client):
        with self.lock:
            try:
                return self._handle(client)
            except Exception as e:  # never leave the client hanging
                import traceback
                traceback.print_exc()
                self.log(op='handler-exception', error=repr(e))
                client.complete(-1, errno.EIO)
                return True

    def _handle(self, client):
        req = client.get_request()
        arg = client.get_arg()
        name = NAMES.get(req, hex(req))

        if self.gone and req not in (USBDEVFS_REAPURB, USBDEVFS_REAPURBNDELAY, USBDEVFS_DISCARDURB,
                                     USBDEVFS_RELEASEINTERFACE):
            self.log(op=name, result='ENODEV')
            client.complete(-1, errno.ENODEV)
            return True

        if req == USBDEVFS_GET_CAPABILITIES:
            arg.resolve(0, 4).update(0, struct.pack('I', self.caps))
            self.log(op=name, caps=self.caps)
            client.complete(0, 0)
        elif req in (USBDEVFS_CLAIMINTERFACE, USBDEVFS_RELEASEINTERFACE):
            ifno = struct.unpack('I', arg.resolve(0, 4).retrieve())[0]
            if req == USBDEVFS_CLAIMINTERFACE:
                if self.drivers.get(ifno):
                    self.log(op=name, interface=ifno, result='EBUSY', driver=self.drivers[ifno])
                    client.complete(-1, errno.EBUSY)
                    return True
                self.claimed.add(ifno)
            elif ifno in self.claimed:
                self.claimed.discard(ifno)
            else:
                self.log(op=name, interface=ifno, result='EINVAL')
                client.complete(-1, errno.EINVAL)
                return True
            self.log(op=name, interface=ifno)
            client.complete(0, 0)
        elif req == USBDEVFS_GETDRIVER:
            d = arg.resolve(0, 260)
            ifno = struct.unpack('I', d.retrieve()[:4])[0]
            drv = self.drivers.get(ifno) or ('usbfs' if ifno in self.claimed else None)
            self.log(op=name, interface=ifno, driver=drv)
            if drv is None:
                client.complete(-1, errno.ENODATA)
            else:
                d.update(4, drv.encode() + b'\0')
                client.complete(0, 0)
        elif req == USBDEVFS_IOCTL:
            d = arg.resolve(0, 8 + PTR)
            ifno, code = struct.unpack('iI', d.retrieve()[:8])
            sub = NAMES.get(code, hex(code))
            if code == USBDEVFS_DISCONNECT:
                if self.drivers.get(ifno):
                    self.log(op=name, sub=sub, interface=ifno, detached=self.drivers.pop(ifno))
                    client.complete(0, 0)
                else:
                    self.log(op=name, sub=sub, interface=ifno, result='ENODATA')
                    client.complete(-1, errno.ENODATA)
            elif code == USBDEVFS_CONNECT:
                if ifno in self.claimed:
                    self.log(op=name, sub=sub, interface=ifno, result='EBUSY')
                    client.complete(-1, errno.EBUSY)
                elif self.args.kernel_driver:
                    self.drivers[ifno] = self.args.kernel_driver
                    self.log(op=name, sub=sub, interface=ifno, attached=self.args.kernel_driver)
                    client.complete(1, 0)
                else:
                    client.complete(0, 0)
            else:
                self.log(op=name, sub=sub, result='ENOTTY')
                client.complete(-1, errno.ENOTTY)
        elif req == USBDEVFS_DISCONNECT_CLAIM:
            d = arg.resolve(0, 264)
            ifno, flags = struct.unpack('II', d.retrieve()[:8])
            drv = d.retrieve()[8:].split(b'\0')[0].decode()
            cur = self.drivers.get(ifno)
            if cur and ((flags & 1 and cur != drv) or (flags & 2 and cur == drv)):
                self.log(op=name, interface=ifno, flags=flags, driver=drv, result='EBUSY')
                client.complete(-1, errno.EBUSY)    # IF_DRIVER / EXCEPT_DRIVER says keep it
                return True
            self.drivers.pop(ifno, None)
            self.claimed.add(ifno)
            self.log(op=name, interface=ifno, flags=flags, driver=drv, detached=cur)
            client.complete(0, 0)
        elif req in (USBDEVFS_SETCONFIGURATION, USBDEVFS_SETINTERFACE, USBDEVFS_CLEAR_HALT,
                     USBDEVFS_RESETEP, USBDEVFS_RESET):
            self.log(op=name)
            client.complete(0, 0)
        elif req == USBDEVFS_CONNECTINFO:
            arg.resolve(0, 8).update(0, struct.pack('IB3x', self.args.devnum, 0))
            client.complete(0, 0)
        elif req == USBDEVFS_GET_SPEED:
            client.complete(2, 0)   # USB_SPEED_FULL
        elif req == USBDEVFS_SUBMITURB:
            self.submit(client, arg)
        elif req in (USBDEVFS_REAPURB, USBDEVFS_REAPURBNDELAY):
            ptr = arg.resolve(0, PTR)
            urb = self.take_done(client)
            if urb:
                ptr.set_ptr(0, urb.data)
                client.complete(0, 0)
            elif self.gone:
                client.complete(-1, errno.ENODEV)
            elif req == USBDEVFS_REAPURBNDELAY:
                client.complete(-1, errno.EAGAIN)
            else:
                self.waiters.append((client, ptr))   # complete later (see pump)
        elif req == USBDEVFS_DISCARDURB:
            addr = struct.unpack('P', arg.retrieve()[:PTR])[0]
            for urb in self.pending_in + self.pending_out:
                if urb.addr == addr and urb.client is client:
                    (self.pending_in if urb in self.pending_in else self.pending_out).remove(urb)
                    self.log(op=name, ep=urb.endpoint, length=urb.length)
                    self.finish(urb, -errno.ECONNRESET, 0)
                    client.complete(0, 0)
                    self.pump()
                    break
            else:
                self.log(op=name, result='EINVAL')
                client.complete(-1, errno.EINVAL)
        else:
            self.log(op=name, result='ENOTTY (unhandled)')
            client.complete(-1, errno.ENOTTY)
        return True

    def submit(self, client, arg):
        addr = struct.unpack('P', arg.retrieve()[:PTR])[0]
        data = arg.resolve(0, URB_SIZE)
        fields = struct.unpack(URB_FMT, data.retrieve())
        utype, ep, length = fields[0], fields[1], fields[5]
        buf = data.resolve(OFF_BUFFER, length) if length > 0 else None
        urb = Urb(client, addr, data, buf, fields)
        if utype == URB_TYPE_CONTROL:
            raw = buf.retrieve() if buf else b''
            client.complete(0, 0)
            self.control(urb, raw[:8], raw[8:])
        elif utype == URB_TYPE_BULK and not ep & 0x80:
            payload = buf.retrieve() if buf else b''
            if self.args.disconnect_after is not None and \
                    self.out_total + len(payload) > self.args.disconnect_after:
                # the URB that would cross the limit fails whole: the capture then holds
                # exactly the bytes libusb reported as transferred
                self.gone = True
                self.log(op='unplug', after=self.out_total)
                if self.on_unplug:    # not from umockdev's worker thread; main() joins it
                    self.unplug_thread = threading.Thread(target=self.on_unplug, daemon=False)
                    self.unplug_thread.start()
                client.complete(-1, errno.ENODEV)
                return
            if self.args.stall_out_after is not None and \
                    self.out_total + len(payload) > self.args.stall_out_after:
                # never completes: libusb times out and discards it, nothing is captured
                self.log(op='bulk-out-stalled', ep=ep, length=length, total=self.out_total)
                client.complete(0, 0)
                self.pending_out.append(urb)
                return
            self.capture.write(payload)
            self.out_total += len(payload)
            self.log(op='bulk-out', ep=ep, length=length, flags=urb.flags, total=self.out_total)
            client.complete(0, 0)
            self.finish(urb, 0, length)
            self.responder(payload)
        elif utype == URB_TYPE_BULK:
            self.log(op='bulk-in-submit', ep=ep, length=length)
            client.complete(0, 0)
            self.pending_in.append(urb)
        else:
            self.log(op='submit-unsupported', type=utype, ep=ep)
            client.complete(-1, errno.EINVAL)
            return
        self.pump()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--device', default=os.path.join(here, 'printer.umockdev'),
                    help='.umockdev description (N: devnode and H: descriptors are required)')
    ap.add_argument('--capture', required=True, help='file that receives every bulk OUT byte (appended)')
    ap.add_argument('--events', help='JSON-lines log of every ioctl')
    ap.add_argument('--in-hex', help='bytes queued for bulk IN reads, e.g. 12 or "12 16"')
    ap.add_argument('--status', action='append',
                    help='N=VALUE: reply to DLE EOT N (N=1..4); 0x100+N for GS r N, 0x200 for ESC v')
    ap.add_argument('--status-file', help='JSON {"1": 18, "4": "0x72"}; re-read when it changes')
    ap.add_argument('--no-auto-status', action='store_true', help='do not answer DLE EOT / GS r / ESC v')
    ap.add_argument('--kernel-driver', default='usblp', help="driver bound to interface 0 ('' = none)")
    ap.add_argument('--device-id', default='MFG:FakePOS;CMD:ESC/POS;MDL:TM-FAKE;CLS:PRINTER;',
                    help='IEEE 1284 device id for GET_DEVICE_ID')
    ap.add_argument('--caps', default='0x1f', help='USBDEVFS_GET_CAPABILITIES bits (0x1f = modern xHCI)')
    ap.add_argument('--disconnect-after', type=int,
                    help='simulate unplug: the OUT URB that would pass N bytes fails with ENODEV '
                         '(not captured), then a "remove" uevent is sent')
    ap.add_argument('--stall-out-after', type=int,
                    help='simulate a printer that stops reading: OUT transfers that would pass N bytes never complete')
    ap.add_argument('--devnum', type=int, default=2)
    ap.add_argument('--daemon', action='store_true', help='serve until SIGTERM/SIGINT instead of running a command')
    ap.add_argument('--env-file', help='daemon: write "export UMOCKDEV_DIR=... LD_PRELOAD=..." here when ready')
    ap.add_argument('--hotplug-delay', type=float,
                    help='add the device only after N seconds (send an "add" uevent) to test hotplug')
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('cmd', nargs=argparse.REMAINDER)
    args = ap.parse_args()
    if 'libumockdev-preload' not in os.environ.get('LD_PRELOAD', ''):
        # umockdev_testbed_uevent() resolves the device through libudev on /sys, so the
        # harness itself must see the testbed's /sys: re-exec under the preload library
        # (this is what umockdev-wrapper does).
        env = dict(os.environ)
        env['LD_PRELOAD'] = ' '.join(x for x in ['libumockdev-preload.so.0', env.get('LD_PRELOAD')] if x)
        os.execve(sys.executable, [sys.executable, os.path.abspath(__file__)] + sys.argv[1:], env)
    if args.cmd and args.cmd[0] == '--':
        args.cmd = args.cmd[1:]
    if not args.cmd and not args.daemon:
        ap.error('give a command after -- or --daemon')

    devnode, desc, strings = parse_umockdev(args.device)
    printer = FakePrinter(args, desc, strings)
    testbed = UMockdev.Testbed.new()
    handler = UMockdev.IoctlBase()
    handler.connect('handle-ioctl', printer.handle_ioctl)
    testbed.attach_ioctl(devnode, handler)     # attach first, then create the node
    root = testbed.get_root_dir()
    with open(args.device) as f:
        description = f.read()

    def add_device():
        testbed.add_from_string(description)   # also sends the "add" uevent (we are preloaded)
        printer.log(op='hotplug-add')

    def remove_device():
        syspath = '/sys' + description.split('\n', 1)[0][3:].strip()
        time.sleep(0.05)
        testbed.uevent(syspath, 'remove')
        testbed.remove_device(syspath)
        printer.log(op='hotplug-remove', syspath=syspath)

    printer.on_unplug = remove_device
    if args.hotplug_delay is None:
        testbed.add_from_string(description)
    else:
        # /dev/bus/usb must exist (non-empty) or libusb_init fails
        os.makedirs(os.path.join(root, 'dev/bus/usb/001'), exist_ok=True)
        threading.Timer(args.hotplug_delay, add_device).start()

    env = dict(os.environ)
    env['UMOCKDEV_DIR'] = root
    rc = 0
    if args.daemon:
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *a: stop.set())
        signal.signal(signal.SIGINT, lambda *a: stop.set())
        if args.env_file:
            tmp = args.env_file + '.tmp'
            with open(tmp, 'w') as f:
                f.write('export UMOCKDEV_DIR=%s\nexport LD_PRELOAD="%s"\n' % (root, env['LD_PRELOAD']))
            os.rename(tmp, args.env_file)
        print('fakeprinter: ready, UMOCKDEV_DIR=%s' % root, file=sys.stderr, flush=True)
        while not stop.wait(0.5):
            pass
    else:
        rc = subprocess.call(args.cmd, env=env)
    if printer.unplug_thread:
        printer.unplug_thread.join()
    testbed.detach_ioctl(devnode)
    del testbed
    return rc


if __name__ == '__main__':
    sys.exit(main())
