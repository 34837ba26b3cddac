"""Web extension objects, created unbound and initialised by the app factory."""

from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf import CSRFProtect

migrate = Migrate()
babel = Babel()
login_manager = LoginManager()
csrf = CSRFProtect()
