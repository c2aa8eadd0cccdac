// The learner's profile: 16 competences at a glance (a ring per competence, coloured by domain,
// with a text equivalent), the total out of 1024 and what to do next.
import { api } from "../api.js";
import { root } from "../common.js";
import { done, h, showLoadError, t } from "../ui.js";
import { PIX_PER_LEVEL, competenceTitle, ring, towardsNext } from "./shared.js";

function card(competence, maxLevel) {
  const step = towardsNext(competence, maxLevel);
  const spoken = step.next
    ? t("profile_card_sr", { level: competence.level, pix: competence.pix, missing: step.missing, next: step.next })
    : t("profile_card_max_sr", { level: competence.level, pix: competence.pix });
  return h("li", { class: `comp-card domain-${competence.domain}` },
    h("a", { href: `${root}competence/?code=${competence.code}`, class: "comp-link" },
      ring(step.share, competence.level),
      h("span", { class: "comp-text" },
        h("span", { class: "comp-title" }, `${competence.code} ${competenceTitle(competence.code, competence.title)}`),
        h("span", { class: "comp-meta", "aria-hidden": "true" },
          `${t("profile_level", { level: competence.level })} · ${t("profile_pix", { pix: competence.pix })}`),
        h("span", { class: "visually-hidden" }, spoken),
        competence.evaluation === "started" && h("span", { class: "badge" }, t("profile_in_progress")),
        !competence.available && h("span", { class: "badge muted" }, t("profile_not_available")))));
}

// Resume a test in progress first; otherwise the competence closest to its next level.
export function nextStep(profile) {
  const started = profile.competences.find((c) => c.evaluation === "started");
  if (started) return { kind: "resume", competence: started };
  const now = Date.now();
  const open = profile.competences.filter((c) => c.available && c.level < profile.max_reachable_level && (
    c.evaluation === "none" || (c.improve_opens_at && Date.parse(c.improve_opens_at) <= now)));
  if (!open.length) return { kind: "done" };
  const best = open.reduce((a, b) => (b.pix % PIX_PER_LEVEL > a.pix % PIX_PER_LEVEL ? b : a));
  return { kind: best.pix || best.evaluation !== "none" ? "close" : "first", competence: best };
}

function renderNext(profile) {
  const step = nextStep(profile);
  const box = document.getElementById("next");
  if (step.kind === "done") { box.append(h("p", null, t("profile_next_done"))); return; }
  const c = step.competence;
  const title = `${c.code} ${competenceTitle(c.code, c.title)}`;
  const text = {
    resume: t("profile_next_resume", { title }),
    first: t("profile_next_start_first", profile.test_length),
    close: t("profile_next_close", { title, missing: towardsNext(c, profile.max_reachable_level).missing, next: c.level + 1 }),
  }[step.kind];
  const link = c.evaluation === "none" || step.kind === "resume"
    ? `${root}evaluation/?code=${c.code}` : `${root}competence/?code=${c.code}`;
  box.append(h("p", null, text),
    h("p", null, h("a", { href: link, class: "button-link" },
      step.kind === "resume" ? t("profile_next_resume_cta") : t("profile_next_start_cta"),
      step.kind === "first" ? ` · ${title}` : "")));
}

function render(profile, framework) {
  const total = document.getElementById("total");
  total.append(
    ring(profile.total_pix / profile.max_pix, profile.total_pix, 140),
    h("p", { class: "total-text" }, h("span", { id: "total-title", "aria-hidden": "true" }, t("profile_total")),
      h("span", { class: "visually-hidden" }, t("profile_total_sr", { pix: profile.total_pix, max: profile.max_pix }))));
  renderNext(profile);
  const byCode = Object.fromEntries(profile.competences.map((c) => [c.code, c]));
  const domains = document.getElementById("domains");
  for (const domain of framework.domains) {
    const id = `domain-${domain.code}`;
    domains.append(h("section", { class: `domain domain-${domain.code}`, "aria-labelledby": id },
      h("h2", { id }, `${domain.code}. ${competenceTitle(domain.code, domain.title)}`),
      h("ul", { class: "comp-grid" },
        domain.competences.filter((c) => byCode[c.code]).map((c) => card(byCode[c.code], profile.max_reachable_level)))));
  }
}

const loading = document.getElementById("loading");
try {
  const [profile, framework] = await Promise.all([api("/api/profile", { auth: true }), api("/api/frameworks")]);
  render(profile, framework);
  document.getElementById("profile").hidden = false;
} catch (error) {
  showLoadError(error, document.querySelector(".form-status"));
} finally {
  done(loading);
}
