"""One module per page of the dashboard, each with its JSON API endpoints."""
