# Image for docker-compose.yml (not exercised by the test suite).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN DJANGO_SETTINGS_MODULE=portal_site.settings.production SECRET_KEY=build-only \
    python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py rebuild_search_index && gunicorn portal_site.wsgi:application --bind 0.0.0.0:8000 --workers 3 --timeout 60"]
