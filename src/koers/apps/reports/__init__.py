"""The council report: chosen sections generated from the data, issued once as frozen HTML and PDF."""
