"""Collection for the 政府信息公开工作主管部门: roster, distribute, collect, aggregate, reconcile and draft."""
