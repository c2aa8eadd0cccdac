// Pupils' accounts to hand out: the server's CSV (for Excel) offered as a download from memory (the
// temporary passwords never travel in a URL nor stay on a server).
let previous = null;

export function offerDownload(link, csv, fileName) {
  if (previous) URL.revokeObjectURL(previous);
  previous = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  link.href = previous;
  link.download = fileName;
}
