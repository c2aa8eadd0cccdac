"""A campaign's CSV export, as a job: a member asks for it, S3 → EventBridge runs it off the request path, the
page follows the job and downloads the file through a link valid a few minutes.

The participations are read page by page from the campaign's sharded index, turned into `exports.Row`s and
written line by line to a temporary file (spooled to disk past 8 MB), then uploaded in parts: memory stays
bounded whatever the campaign's size, and a Lambda function's 15 minutes hold far more than 100,000 rows
(`bench/campaigns.py` measures rows per second).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from typing import IO, Any

from chalicelib import clock
from chalicelib.content.api import get_release
from chalicelib.jobs import api as jobs
from chalicelib.orga import exports, service_participations
from chalicelib.orga.participation_sources import CampaignView
from chalicelib.orga.participations import Participation
from chalicelib.orga.store import participations as store
from chalicelib.orga.target_profiles import TargetProfile

KIND = "campaign-export"
SPOOL_BYTES = 8 * 1024 * 1024
CONTENT_TYPE = "text/csv; charset=utf-8"


def header(campaign: CampaignView, profile: TargetProfile | None) -> exports.Header:
    release = get_release()
    facts = campaign.facts
    common: dict[str, Any] = {
        "organization_name": campaign.organization_name, "organization_type": campaign.organization_type,
        "campaign_id": campaign.campaign_id, "campaign_code": campaign.code, "campaign_name": campaign.name,
        "external_id_label": facts.external_id_label}
    if profile is None:
        return exports.Header(type=exports.PROFILES_COLLECTION, **common,
                              competences=tuple(exports.Area(c.code, c.title) for c in release.competences.values()))
    shape = service_participations.shape_of(profile)
    counts = {code: sum(len(t.skills) for t in shape.tubes if t.competence == code) for code, _ in shape.competences}
    domain_of = {code: release.competences[code].domain for code in counts}
    domains = tuple(exports.Area(d.code, d.title, sum(counts[c] for c in d.competences if c in counts))
                    for d in release.domains if any(c in counts for c in d.competences))
    return exports.Header(
        type=exports.ASSESSMENT, **common, target_profile_name=profile.name, stage_count=len(profile.stages),
        badges=tuple(b.title for b in profile.badges),
        competences=tuple(exports.Area(code, title, counts[code]) for code, title in shape.competences),
        domains=domains, domain_of=domain_of)


def row(p: Participation, badge_titles: dict[str, str]) -> exports.Row:
    snap = p.snapshot if p.shared else None
    return exports.Row(
        last_name=p.last_name, first_name=p.first_name, started_at=p.created_at, progress=p.progress,
        division=p.division, group=p.group, student_number=p.student_number, external_id=p.external_id,
        shared_at=p.shared_at,
        mastery_rate=snap.mastery_rate if snap else None, stage=snap.stage if snap else None,
        badges=frozenset(badge_titles.get(b, b) for b in snap.badges) if snap else frozenset(),
        validated_by_competence=snap.validated_by_competence if snap else {},
        pix_total=snap.pix if snap else None, certifiable=snap.certifiable if snap else None,
        levels=snap.levels if snap else {}, pix_by_competence=snap.pix_by_competence if snap else {})


def write(campaign: CampaignView, profile: TargetProfile | None, out: IO[bytes],
          progress: Callable[[int], None] | None = None) -> int:
    """Write the campaign's export to `out`; returns the number of rows."""
    badge_titles = {b.id: b.title for b in profile.badges} if profile else {}
    rows = (row(p, badge_titles) for p in store.current().of_campaign(campaign.campaign_id)
            if p.deleted_at is None and not p.improved)
    count = -1  # the heading line is not a row
    for count, line in enumerate(exports.lines(header(campaign, profile), rows)):  # noqa: B007
        out.write(line.encode("utf-8"))
        if progress is not None and count and count % 1000 == 0:
            progress(count)
    return max(count, 0)


def run(work: jobs.Work) -> None:
    request = json.loads(work.source())
    campaign = service_participations.campaign_of(str(request["organization_id"]), str(request["campaign_id"]))
    profile = service_participations.campaign_profile(campaign)
    work.processing()
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+b") as out:
        count = write(campaign, profile, out, progress=work.progress)
        work.progress(count, count)
        out.seek(0)
        work.finish_file(out, exports.file_name(campaign.name, campaign.campaign_id, clock.now()), CONTENT_TYPE)


CAMPAIGN_EXPORT = jobs.Kind(KIND, run, max_source_bytes=1024)


def request_export(user_id: str, organization_id: str, campaign_id: str) -> jobs.JobOut:
    """Start the export of the campaign's results (the member's access was checked by the route)."""
    campaign = service_participations.campaign_of(organization_id, campaign_id)
    request = json.dumps({"organization_id": organization_id, "campaign_id": campaign.campaign_id}).encode()
    return jobs.start_from_request(user_id, CAMPAIGN_EXPORT, request)
