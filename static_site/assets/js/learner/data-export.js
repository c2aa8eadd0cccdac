// "Mes données" on the account page: ask for a download of all one's data, follow its preparation
// (a job run off the request path), then download the file through a link valid a few minutes.
import { api } from "../api.js";
import { errorMessage, messages } from "../common.js";

const section = document.getElementById("data-export");
const status = document.getElementById("export-status");
const bar = document.getElementById("export-progress");
const start = document.getElementById("export-start");
const download = document.getElementById("export-download");
const FINISHED = ["done", "failed"];
let current = null;

function say(text) {
  if (status.textContent !== text) status.textContent = text; // announce changes only
}

function show(job) {
  current = job;
  const running = !FINISHED.includes(job.state);
  start.disabled = running;
  bar.hidden = !running;
  download.hidden = !(job.state === "done" && job.download_url);
  start.classList.toggle("secondary", !download.hidden); // the download is then the main action
  if (running) {
    if (job.progress.total) {
      bar.max = job.progress.total;
      bar.value = job.progress.done;
      say(messages.export_progress.replace("{done}", job.progress.done).replace("{total}", job.progress.total));
    } else {
      bar.removeAttribute("value");
      say(messages.export_waiting);
    }
  } else if (job.state === "done") {
    say(job.result_expired ? messages.export_expired : messages.export_ready);
  } else {
    say([messages.export_failed, ...job.errors.map((e) => errorMessage(e))].join(" "));
  }
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function follow(job) {
  let wait = 1000;
  while (!FINISHED.includes(job.state)) {
    await pause(wait);
    wait = Math.min(wait * 1.5, 4000);
    job = await api(`/api/jobs/${encodeURIComponent(job.id)}`, { auth: true });
    show(job);
  }
}

start.addEventListener("click", async () => {
  start.disabled = true;
  try {
    const job = await api("/api/me/data-exports", { method: "POST", auth: true });
    show(job);
    await follow(job);
  } catch (error) {
    say(errorMessage(error));
    start.disabled = false;
  }
});

// The link in hand may be older than its few minutes: ask the job for a fresh one, then save the file.
download.addEventListener("click", async () => {
  try {
    const job = await api(`/api/jobs/${encodeURIComponent(current.id)}`, { auth: true });
    show(job);
    if (job.download_url) window.location.assign(job.download_url);
  } catch (error) {
    say(errorMessage(error));
  }
});

export async function showDataExport() {
  section.hidden = false;
  try {
    const { job } = await api("/api/me/data-exports/latest", { auth: true });
    if (!job) return;
    show(job);
    await follow(job);
  } catch (error) {
    say(errorMessage(error));
  }
}
