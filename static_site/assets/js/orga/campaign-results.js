// The campaign page's follow-up tabs, beside its details (orga/campaign.js, whose `loadedCampaign` says
// which campaign): activity (a small chart and its table), collective results, the analysis with
// tutorials, participants (filters, pages, one result), and the CSV export prepared as a job.
// A tab's data is read the first time it is opened.
import { api } from "../api.js";
import { errorMessage } from "../common.js";
import { pagedList } from "../paged-list.js";
import { formatDate, h, showLoadError, svg, t } from "../ui.js";
import { loadedCampaign } from "./campaign.js";
import { currentOrganizationId, organizationPath } from "./current.js";

let base = "";
const statusBox = document.querySelector(".form-status");
const percent = (rate) => `${Math.round(100 * rate)} %`;
const loaded = {};

function meter(rate) {
  const fill = h("span");
  fill.style.width = `${Math.round(100 * Math.max(0, Math.min(1, rate)))}%`;
  return h("span", { class: "meter", "aria-hidden": "true" }, fill);
}

// --- tabs (the ARIA pattern: arrows move between tabs, the panel follows) ---------------------------
const tabs = [...document.querySelectorAll("#campaign-tabs [role=tab]")];
function select(tab) {
  for (const other of tabs) {
    const on = other === tab;
    other.setAttribute("aria-selected", String(on));
    other.tabIndex = on ? 0 : -1;
    document.getElementById(other.getAttribute("aria-controls")).hidden = !on;
  }
  load(tab.id.replace("tab-", ""));
}
for (const tab of tabs) {
  tab.addEventListener("click", () => select(tab));
  tab.addEventListener("keydown", (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
    next.focus();
    select(next);
  });
}

async function load(name) {
  if (name === "details" || !base || loaded[name]) return;
  loaded[name] = true;
  try {
    await { activity, results, analysis, participants, export: () => null }[name]();
  } catch (error) {
    loaded[name] = false;
    showLoadError(error, statusBox);
  }
}

// --- activity ----------------------------------------------------------------------------------------
function chart(days) {
  const width = 320, height = 120, gap = 2;
  const top = Math.max(1, ...days.map((d) => Math.max(d.started, d.shared)));
  const bar = Math.max(2, Math.floor(width / Math.max(1, days.length)) - gap);
  const bars = days.flatMap((d, i) => {
    const x = i * (bar + gap);
    const hs = Math.round((height * d.started) / top), hh = Math.round((height * d.shared) / top);
    return [svg("rect", { x, y: height - hs, width: bar, height: hs, class: "chart-bar-started" }),
      svg("rect", { x: x + bar / 4, y: height - hh, width: bar / 2, height: hh, class: "chart-bar-shared" })];
  });
  return svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", height: "120", role: "presentation" }, ...bars);
}

async function activity() {
  const found = await api(`${base}/activity`, { auth: true });
  document.getElementById("activity-summary").textContent =
    t("oc_activity_summary", { participants: found.participants, started: found.started, shared: found.shared });
  document.getElementById("activity-chart").replaceChildren(chart(found.by_day));
  document.getElementById("activity-days").replaceChildren(...found.by_day.map((d) => h("tr", null,
    h("th", { scope: "row" }, formatDate(`${d.day}T12:00:00`)), h("td", null, String(d.started)),
    h("td", null, String(d.shared)))));
}

// --- results and analysis ----------------------------------------------------------------------------
async function results() {
  const found = await api(`${base}/results`, { auth: true });
  document.getElementById("results-summary").textContent =
    t("oc_results_summary", { shared: found.shared, rate: percent(found.mastery_rate) });
  document.getElementById("results-competences").replaceChildren(...found.competences.map((c) => h("tr", null,
    h("th", { scope: "row" }, `${c.competence} ${c.title}`),
    h("td", null, meter(c.mastery_rate), percent(c.mastery_rate)),
    h("td", null, t("oc_level_of", { reached: c.mean_reached_level.toFixed(1), max: c.max_level })))));
}

async function analysis() {
  const found = await api(`${base}/analysis`, { auth: true });
  document.getElementById("analysis-tubes").replaceChildren(...found.tubes.map((tube) => h("li", null,
    h("h3", null, tube.title),
    h("p", null, t(`oc_priority_${tube.priority}`), " · ",
      t("oc_level_of", { reached: tube.mean_reached_level.toFixed(1), max: tube.max_level }), " · ",
      t("oc_tube_mastery", { rate: percent(tube.mastery_rate) })),
    tube.tutorials.length ? h("ul", null, ...tube.tutorials.map((tuto) => h("li", null,
      h("a", { href: tuto.url, target: "_blank", rel: "noopener noreferrer" }, tuto.title,
        h("span", { class: "visually-hidden" }, ` ${t("sr_new_window")}`)),
      ` — ${tuto.source}, ${tuto.format}`))) : null)));
}

// --- participants ---------------------------------------------------------------------------------------
const filters = document.getElementById("filters");

function fillSelect(id, values) {
  const select = document.getElementById(id);
  if (select.options.length > 1) return;
  select.append(...values.map(([value, label]) => h("option", { value }, label)));
}

function participantRow(p) {
  return h("tr", null,
    h("th", { scope: "row" }, h("button", { type: "button", class: "link", onclick: () => participant(p) },
      `${p.last_name} ${p.first_name}`)),
    h("td", null, p.status === "SHARED" ? t("oc_status_shared") : t("oc_status_started")),
    h("td", null, percent(p.progress)),
    h("td", null, p.mastery_rate === null ? "—" : percent(p.mastery_rate)));
}

const participantList = pagedList({
  rows: document.getElementById("participants"),
  more: document.getElementById("more"),
  fetchPage: (cursor) => {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(filters)) if (value) params.set(key, value);
    if (cursor) params.set("cursor", cursor);
    return api(`${base}/participants?${params}`, { auth: true });
  },
  items: (page) => page.participants,
  row: participantRow,
  onPage: (_count, page, first) => {
    fillSelect("f-division", page.divisions.map((d) => [d, d]));
    fillSelect("f-group", page.groups.map((g) => [g, g]));
    fillSelect("f-stage", page.stages.map((s, i) => [String(i), s]));
    fillSelect("f-badge", page.badges.map((b) => [b.id, b.title]));
    // the count comes with the unfiltered list's first page; a filtered list shows its rows, not a count
    if (first) document.getElementById("participants-count").textContent =
      page.total === null ? "" : t("oc_participants_count", { total: page.total });
  },
  onError: (error) => showLoadError(error, statusBox),
});

async function participants() {
  if (await participantList.reload() === null) loaded.participants = false;
}

async function participant(p) {
  const found = await api(`${base}/participants/${encodeURIComponent(p.participation_id)}`, { auth: true });
  const box = document.getElementById("participant");
  document.getElementById("participant-title").textContent = `${p.first_name} ${p.last_name}`;
  const result = found.result;
  document.getElementById("participant-summary").textContent = result
    ? t("oc_participant_result", { rate: percent(result.mastery_rate), stage: result.stage ? result.stage.title : "—",
      badges: result.badges.map((b) => b.title).join(", ") || "—" })
    : t("oc_participant_not_shared");
  document.getElementById("participant-competences").replaceChildren(...(result ? result.competences : []).map((c) =>
    h("tr", null, h("th", { scope: "row" }, `${c.competence} ${c.title}`),
      h("td", null, c.level === null ? `${percent(c.mastery_rate)} (${c.validated}/${c.skills})` : `${c.level} · ${c.pix} pix`))));
  box.hidden = false;
  box.focus();
}

filters.addEventListener("submit", (event) => {
  event.preventDefault();
  participants();
});

// --- export (a job: follow it, then download through a link valid a few minutes) ----------------------
const exportStatus = document.getElementById("export-status");
const exportStart = document.getElementById("export-start");
const exportDownload = document.getElementById("export-download");
const exportBar = document.getElementById("export-progress");
let job = null;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function showJob(current) {
  job = current;
  const running = !["done", "failed"].includes(current.state);
  exportStart.disabled = running;
  exportBar.hidden = !running;
  exportDownload.hidden = !(current.state === "done" && current.download_url);
  exportStatus.textContent = running ? t("oc_export_running", { done: current.progress.done })
    : current.state === "done" ? t("oc_export_ready")
      : [t("oc_export_failed"), ...current.errors.map((e) => errorMessage(e))].join(" ");
}

exportStart.addEventListener("click", async () => {
  exportStart.disabled = true;
  try {
    let current = await api(`${base}/exports`, { method: "POST", auth: true });
    showJob(current);
    let wait = 1000;
    while (!["done", "failed"].includes(current.state)) {
      await pause(wait);
      wait = Math.min(wait * 1.5, 4000);
      current = await api(`/api/jobs/${encodeURIComponent(current.id)}`, { auth: true });
      showJob(current);
    }
    if (!exportDownload.hidden) exportDownload.focus();
  } catch (error) {
    exportStatus.textContent = errorMessage(error);
    exportStart.disabled = false;
  }
});

exportDownload.addEventListener("click", async () => {
  try {
    const fresh = await api(`/api/jobs/${encodeURIComponent(job.id)}`, { auth: true });
    showJob(fresh);
    if (fresh.download_url) window.location.assign(fresh.download_url);
  } catch (error) {
    exportStatus.textContent = errorMessage(error);
  }
});

// --- once the campaign is loaded: its API path; a tab opened meanwhile loads now ----------------------------
loadedCampaign.then((campaign) => {
  if (!campaign) return;
  base = organizationPath(currentOrganizationId(), `/campaigns/${encodeURIComponent(campaign.id)}`);
  const open = tabs.find((tab) => tab.getAttribute("aria-selected") === "true");
  if (open) load(open.id.replace("tab-", ""));
});
