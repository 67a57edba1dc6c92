"""``reportgen serve``: units submit their reports in a browser and the 主管部门 follows and returns them on one page."""
