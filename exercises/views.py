from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from exercises.models import Exercise


def catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "exercises/list.html", {"exercises": Exercise.objects.all()})
