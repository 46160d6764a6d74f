"""F2: no money for starting or developing an ASF (``asf_startup``, ``asf_development``)."""

from __future__ import annotations

from projections.compliance.check import ForbiddenPurpose


class F2(ForbiddenPurpose):
    code = "F2"
    detail = "check.F2"
