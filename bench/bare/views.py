from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bench.bare.models import Item


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello")


def db(request: HttpRequest) -> HttpResponse:
    return render(request, "bare/db.html", {"item": Item.objects.first()})


def page(request: HttpRequest) -> HttpResponse:
    return render(request, "bare/page.html", {"items": Item.objects.all()[:50]})
