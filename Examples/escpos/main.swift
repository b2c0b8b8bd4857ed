print("escpos")
