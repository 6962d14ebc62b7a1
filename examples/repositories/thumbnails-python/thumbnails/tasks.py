import os

import boto3
from celery import Celery

app = Celery("thumbnails", broker=os.environ["CELERY_BROKER_URL"])
s3 = boto3.client("s3")


@app.task
def make_thumbnail(key: str) -> str:
    bucket = os.environ["S3_BUCKET"]
    return f"s3://{bucket}/thumbs/{key}"
