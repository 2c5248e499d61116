FLASK_APP=pvenet
