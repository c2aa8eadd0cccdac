"""Request and response bodies of the evaluation API (the learner's tests, profile and tutorials)."""

from typing import Literal

from pydantic import BaseModel, Field, JsonValue

from chalicelib.web import Body

# --- requests ----------------------------------------------------------------------------------


class AnswerRequest(Body):
    assessment_id: str = Field(min_length=1, max_length=100, description="From the start of the evaluation.")
    challenge_id: str = Field(min_length=1, max_length=100)
    answer: JsonValue = Field(
        None,
        description="QCU: the 1-based index of the choice; QCM: the list of ticked indexes; "
        "QROC and QROCM: {field id: text}. Absent when skipped, or when the timer of a timed challenge ran out.",
    )
    skipped: bool = Field(False, description="« Je passe »")
    focused_out: bool = Field(False, description="The learner left the page during a focused challenge.")


ProblemCategory = Literal["instruction", "answer", "attachment", "illustration", "embed", "accessibility", "other"]


class ProblemReportRequest(Body):
    challenge_id: str = Field(min_length=1, max_length=100)
    category: ProblemCategory
    comment: str | None = Field(None, max_length=2000)


# --- content as the learner sees it ----------------------------------------------------------


class LevelDescriptorOut(BaseModel):
    level: int
    stage: str
    descriptor: str


class TubeOut(BaseModel):
    name: str
    title: str
    description: str
    theme: str


class CompetenceOut(BaseModel):
    code: str
    title: str
    description: str
    themes: list[str]
    tubes: list[TubeOut]


class DomainOut(BaseModel):
    code: str
    title: str
    competences: list[CompetenceOut]


class Framework(BaseModel):
    version: str
    domains: list[DomainOut]
    levels: list[LevelDescriptorOut]


class FieldView(BaseModel):
    id: str
    label: str
    number: bool
    options: list[str]


class FileView(BaseModel):
    name: str
    url: str


class IllustrationView(BaseModel):
    url: str
    alt: str


class ChallengeView(BaseModel):
    """A challenge as the learner may see it, in a test or a certification course (proposals in the order of
    the assessment or course that serves it): never its solution."""

    id: str
    type: str
    instruction: str
    choices: list[str] | None = None
    fields: list[FieldView] | None = None
    attachments: list[FileView]
    illustration: IllustrationView | None
    timer: int | None
    focused: bool
    locale: str


class TutorialOut(BaseModel):
    id: str
    title: str
    url: str
    source: str
    format: str
    duration: str
    saved: bool = Field(False, description="Whether the learner saved it. Always false in a checkpoint: the answer "
                        "reads nothing more; the page marks the ones in /api/tutorials/saved.")


# --- evaluations -------------------------------------------------------------------------------


class Progress(BaseModel):
    answered: int
    estimated_remaining: int = Field(
        description="The engine's expectation of the challenges still to come, the served one included, under "
        "its stop rule (0 once the test is over): the progress bar is answered / (answered + remaining)."
    )


class ResultSummary(BaseModel):
    level: int
    pix: int
    pix_gained: int


class AssessmentState(BaseModel):
    assessment_id: str
    competence: str
    status: Literal["started", "completed"]
    resumed: bool = Field(description="True when the learner comes back to an evaluation in progress.")
    challenge: ChallengeView | None = Field(description="The challenge to answer; None once completed.")
    progress: Progress
    results: ResultSummary | None = None


class ReviewedAnswer(BaseModel):
    number: int = Field(description="The answer's number in the test, as asked (6 to 10 at the second checkpoint).")
    challenge: ChallengeView
    result: str
    correct: bool
    right_answer: dict[str, JsonValue] = Field(
        description='{"choices": [{"index": position shown, "text"}]} or {"fields": [{"id", "label", "value"}]}.'
    )
    your_answer: dict[str, JsonValue] | None = Field(
        description="What the learner answered, in the shape of right_answer; None when skipped or unanswered. "
        "At a checkpoint a typed text is cut after 120 characters."
    )
    explanation: str | None = Field(description="Why the right answer is right (Markdown), when the content has one.")
    tutorials: list[TutorialOut] = Field(description="Tutorials of the skill when the answer was not right.")


class Checkpoint(BaseModel):
    answers: list[ReviewedAnswer]


class AnswerOutcome(BaseModel):
    result: Literal["ok", "ko", "aband", "timedout"]
    checkpoint: Checkpoint | None = Field(description="Every 5 answers, and at the end: the answers to review.")
    assessment: AssessmentState


class ResultAnswer(ReviewedAnswer):
    answered_at: str


class Results(BaseModel):
    assessment_id: str
    competence: str
    status: Literal["started", "completed"]
    level: int
    pix: int
    pix_gained: int
    answers: list[ResultAnswer]


# --- profile -----------------------------------------------------------------------------------


class CompetenceProfile(BaseModel):
    code: str
    title: str
    domain: str
    pix: int
    level: int
    progress: float = Field(description="Share of the competence's skills already assessed, 0 to 1.")
    available: bool = Field(description="False while the competence has no challenge to serve.")
    evaluation: Literal["none", "started", "completed"]
    improve_opens_at: str | None
    reset_opens_at: str | None


class LengthRange(BaseModel):
    """How long a competence's test is, to say before it starts."""

    min: int
    max: int
    mean: int = Field(description="Measured on the engine's benchmark (docs/engine.md).")


class Profile(BaseModel):
    total_pix: int
    max_pix: int
    max_reachable_level: int
    test_length: LengthRange
    competences: list[CompetenceProfile]


class Tutorials(BaseModel):
    tutorials: list[TutorialOut]


class TutorialsPage(BaseModel):
    tutorials: list[TutorialOut]
    next_cursor: str | None = Field(description="Pour la page suivante (`?cursor=`) ; absent à la dernière page.")


class ReportReceived(BaseModel):
    report_id: str
    message: str


# --- campaign assessments (the same shapes as a competence evaluation, for the same test page) ---------


class CampaignResultSummary(BaseModel):
    skills: int = Field(description="The target profile's skills.")
    tested: int = Field(description="Those the learner was tested on (validated or not, directly or by inference).")
    validated: int
    mastery_rate: float = Field(description="validated / skills, 0 to 1.")


class CampaignAssessmentState(BaseModel):
    assessment_id: str
    participation_id: str
    status: Literal["started", "completed"]
    resumed: bool = Field(description="True when the learner comes back to a campaign test in progress.")
    challenge: ChallengeView | None = Field(description="The challenge to answer; None once completed.")
    progress: Progress
    assessed_share: float = Field(
        description="Share of the target profile's skills already assessed, 0 to 1 (1 once over): the "
        "participation's progress for the organisation."
    )
    results: CampaignResultSummary | None = Field(None, description="Once completed.")


class CampaignAnswerOutcome(BaseModel):
    result: Literal["ok", "ko", "aband", "timedout"]
    checkpoint: Checkpoint | None = Field(description="Every 5 answers, and at the end: the answers to review.")
    assessment: CampaignAssessmentState
