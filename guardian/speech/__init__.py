"""Speech: read Guardian's words aloud without ever blocking the window.

``guardian.speech.factory.create_speaker()`` makes the app's one ``Speaker``;
``guardian.speech.factory.synthesize_to_wav()`` writes speech to a file. Every text goes through
``guardian.core.speech_text.for_speech`` before it is read. The package imports nothing itself,
so the window can use the ``Speaker`` interface without loading every engine first.
"""
