"""F4: no skills development for ASF staff (``asf_staff_development``)."""

from __future__ import annotations

from projections.compliance.check import ForbiddenPurpose


class F4(ForbiddenPurpose):
    code = "F4"
    detail = "check.F4"
