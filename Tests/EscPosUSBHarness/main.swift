print("usb harness")
