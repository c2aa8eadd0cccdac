"""Build steps of Pix Certif: the birthplace table from the official lists."""
