"""Reading the words of a message from a picture: a screenshot, or a photo of a phone's screen.

:func:`~guardian.pictures.reading.read_picture` opens the picture, checks it, and hands it to an
offline text reader (RapidOCR on ONNX Runtime; its model files come with the package, nothing is
downloaded). The reader is loaded the first time a picture is read, never at start-up. The
words come back in reading order (:mod:`guardian.core.reading_order`), ready for the same
message check as typed text. Nothing here imports Qt; it runs off the window's thread.
"""
