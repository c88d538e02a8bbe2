"""Draws the catalogue's line illustrations (exercises/static/exercises/illustrations/*.svg):
one simple figure per exercise, from the joint positions below, in the app's own style.
Run after changing a pose: python scripts/make_illustrations.py"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "exercises" / "static" / "exercises" / "illustrations"
Point = tuple[float, float]
GROUND = 110.0

# A figure: head centre, neck, hip, then (knee, foot) and (elbow, hand) for the near and the
# far side. "spine" bends the back through a control point; "props" are extra lines
# (box, wall, slope) and "arrows" show the movement.
POSES: dict[str, dict[str, object]] = {
    "side-plank": {
        "head": (36, 80),
        "neck": (46, 89),
        "hip": (95, 98),
        "near_leg": [(118, 103), (142, 108)],
        "far_leg": [(118, 101), (140, 105)],
        "near_arm": [(42, 108), (62, 109)],
        "far_arm": [(66, 80), (92, 90)],
        "arrows": [[(95, 86), (95, 70)]],
    },
    "fire-hydrants": {
        "head": (38, 72),
        "neck": (50, 80),
        "hip": (100, 80),
        "near_leg": [(100, 109), (126, 109)],
        "far_leg": [(112, 66), (132, 80)],
        "near_arm": [(48, 95), (46, 109)],
        "far_arm": [(52, 95), (50, 109)],
        "arrows": [[(120, 92), (124, 70)]],
    },
    "split-squat": {
        "head": (88, 36),
        "neck": (88, 46),
        "hip": (90, 80),
        "near_leg": [(62, 80), (60, 109)],
        "far_leg": [(108, 104), (134, 108)],
        "near_arm": [(90, 62), (92, 80)],
        "far_arm": [(86, 62), (86, 80)],
        "arrows": [[(70, 50), (70, 70)]],
    },
    "step-up": {
        "head": (88, 18),
        "neck": (88, 28),
        "hip": (88, 62),
        "near_leg": [(70, 62), (68, 84)],
        "far_leg": [(102, 86), (112, 109)],
        "near_arm": [(80, 44), (70, 50)],
        "far_arm": [(96, 44), (104, 56)],
        "props": [[(45, 109), (45, 85), (95, 85), (95, 109)]],
        "arrows": [[(120, 70), (120, 40)]],
    },
    "single-leg-romanian-deadlift": {
        "head": (32, 55),
        "neck": (42, 60),
        "hip": (82, 62),
        "near_leg": [(81, 86), (80, 109)],
        "far_leg": [(106, 60), (132, 58)],
        "near_arm": [(44, 74), (46, 88)],
        "far_arm": [(40, 74), (40, 88)],
        "arrows": [[(60, 40), (40, 48)]],
    },
    "lateral-step-down": {
        "head": (86, 4),
        "neck": (86, 14),
        "hip": (88, 46),
        "near_leg": [(80, 64), (84, 84)],
        "far_leg": [(108, 68), (116, 96)],
        "near_arm": [(74, 26), (62, 30)],
        "far_arm": [(98, 26), (110, 30)],
        "props": [[(55, 109), (55, 85), (105, 85), (105, 109)]],
        "arrows": [[(128, 76), (128, 100)]],
    },
    "skater-hops": {
        "head": (58, 34),
        "neck": (66, 43),
        "hip": (86, 72),
        "near_leg": [(72, 90), (80, 109)],
        "far_leg": [(102, 92), (118, 100)],
        "near_arm": [(52, 56), (40, 64)],
        "far_arm": [(84, 52), (100, 58)],
        "arrows": [[(130, 30), (92, 30)]],
    },
    "lateral-bound-and-stick": {
        "head": (74, 30),
        "neck": (76, 40),
        "hip": (82, 70),
        "near_leg": [(70, 88), (78, 109)],
        "far_leg": [(96, 84), (104, 96)],
        "near_arm": [(60, 48), (46, 52)],
        "far_arm": [(92, 48), (106, 52)],
        "props": [[(66, 112), (92, 112)]],
        "arrows": [[(140, 40), (112, 40)]],
    },
    "box-jump-with-pre-tension": {
        "head": (64, 34),
        "neck": (62, 44),
        "hip": (50, 76),
        "near_leg": [(70, 92), (58, 109)],
        "far_leg": [(68, 90), (54, 109)],
        "near_arm": [(46, 58), (34, 72)],
        "far_arm": [(50, 58), (38, 74)],
        "props": [[(100, 109), (100, 78), (145, 78), (145, 109)]],
        "arrows": [[(78, 30), (104, 20), (122, 66)]],
    },
    "hip-flexor-stretch-wall": {
        "head": (96, 34),
        "neck": (96, 44),
        "hip": (100, 80),
        "near_leg": [(66, 80), (62, 109)],
        "far_leg": [(120, 109), (140, 88)],
        "near_arm": [(84, 60), (70, 76)],
        "far_arm": [(90, 60), (74, 78)],
        "props": [[(144, 20), (144, 112)]],
        "arrows": [[(104, 92), (84, 94)]],
    },
    "thoracic-rotation": {
        "head": (40, 72),
        "neck": (52, 80),
        "hip": (100, 80),
        "near_leg": [(100, 109), (126, 109)],
        "far_leg": [(104, 109), (128, 108)],
        "near_arm": [(50, 96), (48, 109)],
        "far_arm": [(56, 58), (62, 34)],
        "arrows": [[(32, 50), (44, 34), (60, 26)]],
    },
    "single-leg-stand": {
        "head": (80, 18),
        "neck": (80, 28),
        "hip": (80, 62),
        "near_leg": [(80, 86), (80, 109)],
        "far_leg": [(96, 74), (92, 96)],
        "near_arm": [(64, 38), (48, 44)],
        "far_arm": [(96, 38), (112, 44)],
        "props": [[(40, 111), (60, 108), (80, 111), (100, 108), (120, 111)]],
    },
    "hip-hinge-glute-activation": {
        "head": (48, 34),
        "neck": (56, 42),
        "hip": (92, 64),
        "near_leg": [(80, 86), (80, 109)],
        "far_leg": [(84, 86), (84, 109)],
        "near_arm": [(58, 58), (60, 74)],
        "far_arm": [(54, 58), (56, 74)],
        "arrows": [[(100, 50), (118, 56)]],
    },
    "cat-camel": {
        "head": (38, 82),
        "neck": (50, 80),
        "hip": (100, 80),
        "spine": (75, 58),
        "near_leg": [(100, 109), (126, 109)],
        "far_leg": [(104, 109), (128, 108)],
        "near_arm": [(48, 95), (46, 109)],
        "far_arm": [(52, 95), (50, 109)],
        "arrows": [[(66, 44), (76, 36), (86, 44)]],
    },
    "squat": {
        "head": (88, 36),
        "neck": (84, 46),
        "hip": (66, 82),
        "near_leg": [(98, 86), (84, 109)],
        "far_leg": [(96, 84), (80, 109)],
        "near_arm": [(100, 54), (118, 56)],
        "far_arm": [(98, 52), (116, 52)],
        "arrows": [[(130, 70), (130, 94)]],
    },
    "lunge": {
        "head": (86, 36),
        "neck": (86, 46),
        "hip": (86, 82),
        "near_leg": [(54, 82), (50, 109)],
        "far_leg": [(110, 106), (136, 109)],
        "near_arm": [(86, 62), (88, 80)],
        "far_arm": [(84, 62), (82, 80)],
        "arrows": [[(50, 60), (30, 60)]],
    },
    "retro-walking": {
        "head": (78, 18),
        "neck": (80, 28),
        "hip": (82, 62),
        "nose": "left",
        "near_leg": [(88, 86), (100, 108)],
        "far_leg": [(76, 86), (68, 108)],
        "near_arm": [(74, 44), (70, 60)],
        "far_arm": [(88, 44), (94, 58)],
        "arrows": [[(110, 30), (140, 30)]],
    },
    "retro-running": {
        "head": (76, 22),
        "neck": (78, 32),
        "hip": (80, 64),
        "nose": "left",
        "near_leg": [(94, 80), (110, 96)],
        "far_leg": [(72, 86), (76, 108)],
        "near_arm": [(70, 44), (64, 56)],
        "far_arm": [(90, 46), (98, 38)],
        "arrows": [[(112, 24), (146, 24)], [(120, 34), (146, 34)]],
    },
    "trail-technique": {
        "head": (70, 14),
        "neck": (72, 24),
        "hip": (76, 56),
        "near_leg": [(62, 70), (56, 88)],
        "far_leg": [(86, 76), (92, 95)],
        "near_arm": [(66, 40), (58, 50)],
        "far_arm": [(82, 40), (90, 48)],
        "props": [[(10, 86), (60, 88), (110, 98), (150, 108)], [(120, 101), (126, 96), (132, 103)]],
        "ground": False,
    },
}


# Presentation attributes, not CSS: the drawings need no style sheet of their own.
ARROW = ' stroke="#1a7f4b" stroke-width="2.5" stroke-dasharray="5 4" marker-end="url(#tip)"'
PROP = ' stroke="#6b7a72" stroke-width="2.5"'
FAR = ' opacity="0.45"'


def _path(points: list[Point]) -> str:
    start, *rest = points
    return f"M{start[0]:g} {start[1]:g}" + "".join(f" L{x:g} {y:g}" for x, y in rest)


def _arrow(points: list[Point]) -> str:
    if len(points) == 3:
        (x0, y0), (cx, cy), (x1, y1) = points
        d = f"M{x0:g} {y0:g} Q{cx:g} {cy:g} {x1:g} {y1:g}"
    else:
        d = _path(points)
    return f'<path d="{d}"{ARROW}/>'


def svg(slug: str, pose: dict[str, object]) -> str:
    head = pose["head"]
    neck = pose["neck"]
    hip = pose["hip"]
    assert isinstance(head, tuple) and isinstance(neck, tuple) and isinstance(hip, tuple)
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 -8 160 126" width="320" '
        'height="252" fill="none" stroke="#1d2b24" stroke-width="4" stroke-linecap="round" '
        'stroke-linejoin="round">',
        '<defs><marker id="tip" viewBox="0 0 10 10" refX="5" refY="5" '
        'markerWidth="4" markerHeight="4" orient="auto-start-reverse">'
        '<path d="M0 0 L10 5 L0 10 z" fill="#1a7f4b" stroke="none"/></marker>'
        "</defs>",
    ]
    if pose.get("ground", True):
        parts.append(f'<path d="M6 {GROUND + 2:g} H154" {PROP.strip()}/>')
    for prop in pose.get("props", []):  # type: ignore[attr-defined]
        parts.append(f'<path d="{_path(prop)}" {PROP.strip()}/>')
    for side in ("far", "near"):
        leg = pose[f"{side}_leg"]
        arm = pose[f"{side}_arm"]
        assert isinstance(leg, list) and isinstance(arm, list)
        css = FAR if side == "far" else ""
        parts.append(f'<path d="{_path([hip, *leg])}"{css}/>')
        parts.append(f'<path d="{_path([neck, *arm])}"{css}/>')
    spine = pose.get("spine")
    if isinstance(spine, tuple):
        parts.append(
            f'<path d="M{neck[0]:g} {neck[1]:g} Q{spine[0]:g} {spine[1]:g} {hip[0]:g} {hip[1]:g}"/>'
        )
    else:
        parts.append(f'<path d="{_path([neck, hip])}"/>')
    parts.append(f'<circle cx="{head[0]:g}" cy="{head[1]:g}" r="8" fill="#ffffff"/>')
    if pose.get("nose") == "left":
        parts.append(f'<path d="M{head[0] - 8:g} {head[1]:g} l-3 2" stroke-width="3"/>')
    for arrow in pose.get("arrows", []):  # type: ignore[attr-defined]
        parts.append(_arrow(arrow))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for slug, pose in POSES.items():
        (FOLDER / f"{slug}.svg").write_text(svg(slug, pose), encoding="utf-8")
        print(FOLDER / f"{slug}.svg")


if __name__ == "__main__":
    main()
