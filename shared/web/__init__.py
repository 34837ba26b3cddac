"""The web layer both blueprints share: the app factory, configuration, security, error
pages, languages, template filters, GOV.UK widgets and the base templates. Domain packages
never import from here."""
