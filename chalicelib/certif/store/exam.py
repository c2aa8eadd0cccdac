"""The store the certification course's use cases talk to: DynamoDB, unless a test put the in-memory twin
(`store.memory_courses.MemoryCourseStore`) in place with `use(...)`."""

from __future__ import annotations

from chalicelib.certif.exam_ports import CourseStore

_current: CourseStore | None = None


def current() -> CourseStore:
    global _current
    if _current is None:
        from chalicelib.certif.store.courses import DynamoCourseStore

        _current = DynamoCourseStore()
    return _current


def use(store: CourseStore | None) -> CourseStore | None:
    global _current
    previous, _current = _current, store
    return previous
