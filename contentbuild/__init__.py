"""The content build: read the authored sources (content/), validate them, generate the attachments and
write the release the function loads (chalicelib/content/release.json). Build-time only: it lives outside
chalicelib so that `chalice package` (which ships chalicelib whole) leaves it out of the Lambda package."""
