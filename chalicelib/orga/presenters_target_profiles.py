"""What the operators' API shows of a target profile."""

from __future__ import annotations

from collections.abc import Iterable

from chalicelib.content.api import Release
from chalicelib.orga import schemas_target_profiles as out
from chalicelib.orga.target_profiles import CappedTube, TargetProfile


def capped_tubes(tubes: Iterable[CappedTube], release: Release) -> list[out.CappedTubeOut]:
    shown = []
    for capped in tubes:
        tube = release.tubes.get(capped.tube_id)
        count = sum(1 for s in release.skills_of_tube(capped.tube_id) if s.level <= capped.level)
        shown.append(out.CappedTubeOut(tube_id=capped.tube_id, title=tube.title if tube else capped.tube_id,
                                       competence=tube.competence if tube else "", level=capped.level,
                                       skill_count=count))
    return shown


def summary(profile: TargetProfile, release: Release) -> out.TargetProfileSummary:
    return out.TargetProfileSummary(
        id=profile.id, name=profile.name, category=profile.category, public=profile.public,
        outdated=profile.outdated, organization_count=len(profile.organization_ids), tube_count=len(profile.tubes),
        skill_count=len(profile.skill_names(release)), created_at=profile.created_at.isoformat(),
    )


def detail(profile: TargetProfile, release: Release) -> out.TargetProfileOut:
    return out.TargetProfileOut(
        **summary(profile, release).model_dump(),
        description=profile.description, comment=profile.comment, image_url=profile.image_url,
        resettable=profile.resettable, competences=list(profile.competences(release)),
        tubes=capped_tubes(profile.tubes, release), stage_kind=profile.stage_kind,
        stages=[out.StageOut(threshold=s.threshold, title=s.title, message=s.message,
                             prescriber_title=s.prescriber_title, prescriber_description=s.prescriber_description)
                for s in profile.stages],
        badges=[out.BadgeOut(id=b.id, key=b.key, title=b.title, message=b.message, image_url=b.image_url,
                             always_visible=b.always_visible,
                             criteria=[out.CriterionOut(kind=c.kind, threshold=c.threshold, name=c.name,
                                                        tubes=capped_tubes(c.tubes, release)) for c in b.criteria])
                for b in profile.badges],
        organization_ids=sorted(profile.organization_ids), version=profile.version,
    )


def tube_catalog(release: Release) -> out.TubeCatalog:
    return out.TubeCatalog(release=release.version, competences=[
        out.CompetenceChoice(code=c.code, title=c.title, tubes=[
            out.TubeChoice(tube_id=t.name, title=t.title, description=t.description,
                           levels=[s.level for s in release.skills_of_tube(t.name)])
            for t in release.tubes_of(c.code)
        ])
        for c in release.competences.values()
    ])
