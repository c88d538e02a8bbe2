from django.db import models


class Item(models.Model):
    name = models.CharField(max_length=100)
    amount = models.IntegerField()
    created = models.DateTimeField()

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.name
