"""People: staff who sign in, complainants, representatives, and consent."""
