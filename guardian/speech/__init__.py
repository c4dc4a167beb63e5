"""Speech: read Guardian's words aloud without ever blocking the window.

``create_speaker()`` makes the app's one ``Speaker``; ``synthesize_to_wav()`` writes speech to
a file. Every text goes through ``guardian.core.speech_text.for_speech`` before it is read.
"""

from guardian.speech.espeak import EspeakSpeaker
from guardian.speech.factory import create_speaker, synthesize_to_wav
from guardian.speech.pyttsx3_speaker import Pyttsx3Speaker
from guardian.speech.speaker import NullSpeaker, Speaker

__all__ = [
    "EspeakSpeaker",
    "NullSpeaker",
    "Pyttsx3Speaker",
    "Speaker",
    "create_speaker",
    "synthesize_to_wav",
]
