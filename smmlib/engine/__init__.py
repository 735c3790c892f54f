"""The exercise engine: how an answer is judged, whoever asks.

The promise: ``ex.q1.check()`` in a notebook and ``smm grade`` judge with the
same :meth:`~smmlib.engine.questions.Question.grade`. Modules:

- ``checking``  -- outcomes (:class:`~smmlib.engine.checking.Outcome`, its one look) and tolerant comparison
- ``questions`` -- question types, :class:`~smmlib.engine.questions.Context` and the immutable ``Bank``
- ``quiz``      -- the knowledge-check quizzes at the end of a chapter
- ``session``   -- the student's side: ``Exercise``, ``check``/``hint``/``solution``
- ``progress``  -- the local progress record, summarised for the banks it is given
- ``regions``   -- solution regions: the one loader used by session, grader and generator

The engine imports no chapter module, no widget and no grading code (see
``tests/test_layers.py``); the course's banks and the public face live in
:mod:`smmlib.exercises`.
"""
