from django.urls import path

from feedback import views

urlpatterns = [path("danh-gia/", views.rate, name="rating")]
